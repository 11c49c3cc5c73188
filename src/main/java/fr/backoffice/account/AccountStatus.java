package fr.backoffice.account;

public enum AccountStatus {
    ACTIVE, FROZEN, CLOSED
}
