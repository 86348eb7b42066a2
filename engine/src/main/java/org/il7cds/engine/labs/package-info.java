/** Laboratory kinds, comparators and unit conversion to each kind's canonical unit (LabUnitsTest, ThresholdBoundaryTest). */
package org.il7cds.engine.labs;
