package fr.backoffice.filing.check;

import java.util.List;

/** Every check run on a filing's content, in a fixed order. It passes when none failed. */
public record CheckReport(List<CheckResult> results) {

    public CheckReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().noneMatch(CheckResult::hasFailed);
    }

    public List<CheckResult> failures() {
        return results.stream().filter(CheckResult::hasFailed).toList();
    }
}
