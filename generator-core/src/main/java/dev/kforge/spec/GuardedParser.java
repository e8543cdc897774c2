package dev.kforge.spec;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.Optional;

/**
 * A YAML parser that stops deep nesting before snakeyaml's composer, which recurses per level, overflows the
 * stack, and that knows the line of the last event for messages. Shared by the spec reader and the manifest
 * validator; each says in {@link #tooDeep} what the limit means for its input and may watch events further.
 */
public abstract class GuardedParser implements Parser {

    private final Parser parser;
    private final int maxDepth;
    private int depth;
    private Optional<Mark> last = Optional.empty();

    protected GuardedParser(Parser parser, int maxDepth) {
        this.parser = parser;
        this.maxDepth = maxDepth;
    }

    /** The 1-based line of the last event read. */
    public int line() {
        return last.map(m -> m.getLine() + 1).orElse(1);
    }

    /** The exception to throw when the input nests deeper than the limit. */
    protected abstract RuntimeException tooDeep(int line, int limit);

    /** Called for every event after the depth check; the default does nothing. */
    protected void watch(Event event) {
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        if (event.getStartMark().isPresent()) {
            last = event.getStartMark();
        }
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > maxDepth) {
                    throw tooDeep(line(), maxDepth);
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {
                // scalars, aliases and document events do not nest
            }
        }
        watch(event);
        return event;
    }
}
