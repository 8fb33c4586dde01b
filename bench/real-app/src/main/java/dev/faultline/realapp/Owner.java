package dev.faultline.realapp;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;

/** An owner of pets. */
@Entity
public class Owner {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;
    @NotBlank
    private String firstName;
    @NotBlank
    private String lastName;
    @NotBlank
    private String city;
    @Pattern(regexp = "\\d{10}")
    private String telephone;
    @OneToMany(mappedBy = "owner", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("name")
    private List<Pet> pets = new ArrayList<>();

    protected Owner() {}

    Owner(String firstName, String lastName, String city, String telephone) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.city = city;
        this.telephone = telephone;
    }

    public Integer getId() { return id; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    public String getCity() { return city; }
    public String getTelephone() { return telephone; }
    public List<Pet> getPets() { return pets; }

    void addPet(Pet pet) {
        pet.setOwner(this);
        pets.add(pet);
    }
}
