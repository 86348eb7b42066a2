package org.il7cds.api.pages;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the pages' scripts and styles from {@code classpath:pages/assets/} at {@code /assets/**}: the only static
 * resources of the service ({@code spring.web.resources.add-mappings} stays off, so every other unknown path is
 * still a 404 problem, and so is an unknown asset).
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

    /** The path pattern of the assets. */
    static final String ASSETS = "/assets/**";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(ASSETS).addResourceLocations("classpath:/pages/assets/")
                .setCacheControl(CacheControl.noCache());
    }
}
