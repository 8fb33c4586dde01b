package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.StartupSettings;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every key Faultline knows is a Spring property with IDE metadata (a description, and the
 * default where it is a fixed value), and binds from the forms Boot users write.
 */
class FaultlinePropertiesTest {
    @Test
    void everyCoreKeyIsAPropertyWithMetadata() throws Exception {
        Map<String, JsonNode> metadata = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
                metadata.put(p.get("name").asText(), p);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String key : StartupSettings.keys()) {
            String name = "faultline." + key.replace('_', '-');
            JsonNode p = metadata.get(name);
            if (p == null || !p.hasNonNull("description") || p.get("description").asText().isBlank()) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "core keys without a documented Spring property");
        assertEquals("0", metadata.get("faultline.warn-limit").get("defaultValue").asText());
        assertEquals("1", metadata.get("faultline.oops-handler").get("defaultValue").asText(), "the starter's default");
        assertTrue(metadata.containsKey("faultline.health.enabled") && metadata.containsKey("faultline.logback.ring-appender"));
    }

    @Test
    void everyCoreKeyBindsFromKebabSnakeAndCamelCase() {
        Map<String, String> source = new HashMap<>();
        List<String> keys = StartupSettings.keys();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String name = switch (i % 3) {
                case 0 -> key.replace('_', '-');
                case 1 -> key;
                default -> camel(key);
            };
            source.put("faultline." + name, "v" + i);
        }
        FaultlineProperties bound = new Binder(new MapConfigurationPropertySource(source))
                .bind("faultline", Bindable.of(FaultlineProperties.class)).get();
        Map<String, String> settings = bound.coreSettings();
        for (int i = 0; i < keys.size(); i++) {
            assertEquals("v" + i, settings.get(keys.get(i)), keys.get(i));
        }
        assertEquals(keys.size(), settings.size());
        assertFalse(new FaultlineProperties().coreSettings().containsKey("warn_limit"), "unset keys are left out");
    }

    private static String camel(String key) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
