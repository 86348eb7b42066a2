/** Rules administration endpoints (validate, preview, activate, versions, rollback): RulesAdminIT. */
package org.il7cds.api.rules;
