package org.il7cds.engine.eligibility;

/** Sex as recorded by the screening clinic; anything but MALE requires pregnancy and breast-feeding status. */
public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN
}
