package org.il7cds.engine.rules;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * An unmodifiable list of protocol codes (drug names, categories) whose {@code contains} is a hash lookup: rules ask
 * "is this drug one of the protocol's agents?" for every current drug of every candidate.
 */
final class CodeList extends AbstractList<String> implements RandomAccess {

    private final List<String> codes;
    private final Set<String> lookup;

    CodeList(List<String> codes) {
        this.codes = List.copyOf(codes);
        this.lookup = Set.copyOf(this.codes);
    }

    @Override
    public String get(int index) {
        return codes.get(index);
    }

    @Override
    public int size() {
        return codes.size();
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String s && lookup.contains(s);
    }
}
