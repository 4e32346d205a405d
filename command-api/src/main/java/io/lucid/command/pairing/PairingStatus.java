package io.lucid.command.pairing;

/** The states of a pairing: open until completed, locked by failed attempts, or expired by the sweep. */
enum PairingStatus { OPEN, COMPLETED, LOCKED, EXPIRED }
