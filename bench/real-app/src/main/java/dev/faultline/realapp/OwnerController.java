package dev.faultline.realapp;

import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints the load generator drives. */
@RestController
public class OwnerController {
    private final ClinicService clinic;

    OwnerController(ClinicService clinic) {
        this.clinic = clinic;
    }

    @GetMapping("/owners/{id}")
    public ResponseEntity<Owner> owner(@PathVariable int id) {
        return ResponseEntity.of(clinic.owner(id));
    }

    @GetMapping("/owners")
    public Map<String, Object> search(@RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "0") int page) {
        Page<Owner> found = clinic.search(lastName, page);
        List<Map<String, Object>> rows = found.map(o -> Map.<String, Object>of("id", o.getId(), "name",
                o.getFirstName() + " " + o.getLastName(), "city", o.getCity())).getContent();
        return Map.of("total", found.getTotalElements(), "owners", rows);
    }

    @PostMapping("/owners/{id}/visits")
    public ResponseEntity<Pet> visit(@PathVariable int id) {
        return ResponseEntity.of(clinic.visit(id));
    }
}
