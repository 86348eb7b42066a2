/** The pages for screeners and pharmacists (HTML, scripts and styles served by the service itself). */
package org.il7cds.api.pages;
