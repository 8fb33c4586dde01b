package dev.faultline.realapp;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** 1,000 owners with 0 to 3 pets each (every 20th has none), the same on every start. */
@Component
class SampleData implements ApplicationRunner {
    static final int OWNERS = 1000;
    private static final String[] LAST = {"Franklin", "Davis", "Rodriquez", "Black", "Escobito", "Schroeder",
        "Estaban", "Coleman", "McTavish", "Carter", "Leary", "Douglas", "Stevens", "Jenkins", "Ortega", "Ng"};
    private static final String[] FIRST = {"George", "Betty", "Eduardo", "Harold", "Peter", "Jean", "Jeff",
        "Maria", "David", "Carlos", "Helen", "Rafael", "Sharon", "James", "Linda", "Wei"};
    private static final String[] TYPES = {"cat", "dog", "lizard", "snake", "bird", "hamster"};

    private final OwnerRepository owners;

    SampleData(OwnerRepository owners) {
        this.owners = owners;
    }

    @Override
    public void run(ApplicationArguments args) {
        Random r = new Random(42);
        List<Owner> all = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            Owner o = new Owner(FIRST[r.nextInt(FIRST.length)], LAST[r.nextInt(LAST.length)], "Madison",
                    String.format("608555%04d", r.nextInt(10_000)));
            int pets = i % 20 == 19 ? 0 : 1 + r.nextInt(3);
            for (int p = 0; p < pets; p++) {
                o.addPet(new Pet("Pet" + i + "-" + p, TYPES[r.nextInt(TYPES.length)],
                        LocalDate.of(2015 + r.nextInt(10), 1 + r.nextInt(12), 1 + r.nextInt(28))));
            }
            all.add(o);
        }
        owners.saveAll(all);
    }
}
