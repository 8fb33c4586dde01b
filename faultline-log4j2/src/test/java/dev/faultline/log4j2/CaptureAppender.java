package dev.faultline.log4j2;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/** A plain appender that keeps immutable copies of the events it receives (the user's "normal" appender in tests). */
@Plugin(name = "Capture", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class CaptureAppender extends AbstractAppender {
    static final List<LogEvent> EVENTS = new CopyOnWriteArrayList<>();

    private CaptureAppender(String name) {
        super(name, null, (Layout<? extends Serializable>) null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static CaptureAppender create(@PluginAttribute("name") String name) {
        return new CaptureAppender(name);
    }

    @Override
    public void append(LogEvent event) {
        EVENTS.add(event.toImmutable());
    }
}
