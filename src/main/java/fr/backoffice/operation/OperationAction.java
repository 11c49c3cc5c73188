package fr.backoffice.operation;

/** What a person or the service asks of an operation; {@link OperationLifecycle} says where it may lead. */
public enum OperationAction {
    VALIDATE,
    APPROVE,
    /** Straight-through processing at submission, or the scheduler on the execution date. */
    EXECUTE,
    REJECT,
    CANCEL,
    REVERSE,
    CLEAR,
    BOUNCE,
    /** The clearing system gives an external transfer's money back (file rejected, or pacs.004 return). */
    RETURN
}
