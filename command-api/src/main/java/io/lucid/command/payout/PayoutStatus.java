package io.lucid.command.payout;

/** Lifecycle of a payout (DOMAIN.md section 5). COMPLETED and CANCELLED are final. */
public enum PayoutStatus { PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED }
