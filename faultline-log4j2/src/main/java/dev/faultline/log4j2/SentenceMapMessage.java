package dev.faultline.log4j2;

import org.apache.logging.log4j.message.StringMapMessage;

/**
 * A {@link StringMapMessage} that reads as a sentence where a layout asks for plain text: a plain
 * {@code %m} (and {@link #getFormattedMessage()}) prints the {@code message} field alone, e.g.
 * {@code WARNING: orders.total at Shop.pay(Shop.java:12): total -5 below zero}, not the
 * {@code key="value"} pairs a {@code MapMessage} prints by default. Every field stays in the map
 * for layouts that ask for them: {@code %m{JSON}}, {@code %m{XML}}, {@code %K{kind}}, JSON
 * layouts that write a map message's fields as fields.
 */
public final class SentenceMapMessage extends StringMapMessage {
    private static final long serialVersionUID = 1L;

    /** A message whose sentence is {@code sentence}, also kept as the field {@code message}. */
    public SentenceMapMessage(String sentence) {
        with("message", sentence);
    }

    /** The sentence: the {@code message} field. */
    @Override
    public String getFormattedMessage() {
        return get("message");
    }

    /** Appends the sentence ({@code %m} without options). */
    @Override
    public void formatTo(StringBuilder buffer) {
        buffer.append(get("message"));
    }
}
