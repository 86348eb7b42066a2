package org.il7cds.engine.eligibility;

/** Demographic facts at the as-of date; null fields are unknown. */
public final class Person {

    private final Integer ageYears;
    private final Sex sex;
    private final Boolean pregnant;
    private final Boolean breastfeeding;

    Person(Integer ageYears, Sex sex, Boolean pregnant, Boolean breastfeeding) {
        this.ageYears = ageYears;
        this.sex = sex;
        this.pregnant = pregnant;
        this.breastfeeding = breastfeeding;
    }

    public Integer getAgeYears() {
        return ageYears;
    }

    public Sex getSex() {
        return sex;
    }

    public Boolean getPregnant() {
        return pregnant;
    }

    public Boolean getBreastfeeding() {
        return breastfeeding;
    }
}
