package dev.faultline.realapp;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Owners, found by last name (paged) or by id with their pets. */
public interface OwnerRepository extends JpaRepository<Owner, Integer> {
    Page<Owner> findByLastNameStartingWith(String lastName, Pageable pageable);

    @Query("select distinct o from Owner o left join fetch o.pets where o.id = :id")
    Optional<Owner> findWithPets(@Param("id") Integer id);
}
