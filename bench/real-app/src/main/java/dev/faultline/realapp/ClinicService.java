package dev.faultline.realapp;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The transactional layer between the controllers and the repository. */
@Service
public class ClinicService {
    private final OwnerRepository owners;
    private final PlantedCheck planted;

    ClinicService(OwnerRepository owners, PlantedCheck planted) {
        this.owners = owners;
        this.planted = planted;
    }

    @Transactional(readOnly = true)
    public Optional<Owner> owner(int id) {
        Optional<Owner> found = owners.findWithPets(id);
        // The path the load hits now and then with an owner without pets.
        found.ifPresent(o -> planted.check(o.getPets().isEmpty(), o.getId()));
        return found;
    }

    @Transactional(readOnly = true)
    public Page<Owner> search(String lastName, int page) {
        return owners.findByLastNameStartingWith(lastName, PageRequest.of(page, 5, Sort.by("lastName", "id")));
    }

    @Transactional
    public Optional<Pet> visit(int ownerId) {
        return owners.findWithPets(ownerId).flatMap(o -> o.getPets().stream().findFirst()).map(p -> {
            p.visited(LocalDate.now());
            return p;
        });
    }
}
