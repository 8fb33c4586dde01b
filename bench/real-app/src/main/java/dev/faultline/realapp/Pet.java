package dev.faultline.realapp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.LocalDate;

/** A pet and its last visit. */
@Entity
public class Pet {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;
    private String name;
    private String type;
    private LocalDate birthDate;
    private LocalDate lastVisit;
    @ManyToOne(fetch = FetchType.LAZY)
    @JsonIgnore
    private Owner owner;

    protected Pet() {}

    Pet(String name, String type, LocalDate birthDate) {
        this.name = name;
        this.type = type;
        this.birthDate = birthDate;
    }

    public Integer getId() { return id; }
    public String getName() { return name; }
    public String getType() { return type; }
    public LocalDate getBirthDate() { return birthDate; }
    public LocalDate getLastVisit() { return lastVisit; }

    void setOwner(Owner owner) { this.owner = owner; }
    void visited(LocalDate day) { this.lastVisit = day; }
}
