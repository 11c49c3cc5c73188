package fr.backoffice.declarant.rest;

/**
 * Example JSON of the declarant endpoints. Kept beside the feature rather than in the shared {@code Examples}
 * class so that features written in parallel do not all edit one file.
 */
public final class DeclarantExamples {

    private DeclarantExamples() {
    }

    public static final String ID = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70";

    public static final String NEW_DECLARANT = """
            {
              "name": "Boulangerie Martin SAS",
              "siren": "732829320",
              "vatRegime": "MONTHLY",
              "fiscalYearEnd": "12-31",
              "liableFrom": "2024-01-01"
            }""";

    public static final String DECLARANT = """
            {
              "id": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "name": "Boulangerie Martin SAS",
              "siren": "732829320",
              "vatNumber": "FR44732829320",
              "vatRegime": "MONTHLY",
              "fiscalYearEnd": "12-31",
              "liableFrom": "2024-01-01",
              "createdAt": "2026-11-28T09:15:00Z"
            }""";
}
