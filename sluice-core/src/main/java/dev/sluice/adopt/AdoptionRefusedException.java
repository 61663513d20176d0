package dev.sluice.adopt;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The other tool's history and the files disagree (a file changed or missing, a failed migration), or there is
 * nothing to adopt; every problem is named at once. Nothing was recorded.
 */
public final class AdoptionRefusedException extends RuntimeException {

    private final List<String> problems;

    public AdoptionRefusedException(String what, List<String> problems) {
        super(what + (problems.isEmpty() ? "" : ":\n  " + problems.stream().collect(Collectors.joining("\n  "))));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the file or row and what to do. */
    public List<String> problems() {
        return problems;
    }
}
