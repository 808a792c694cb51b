// The API reference (/api/docs): Swagger UI (from the npm package swagger-ui-dist, pinned in
// .tools/package-lock.json, served by this instance) showing the instance's own OpenAPI document.
// "Authorize" takes an API token (tl_…) for "Try it out".
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#reference",
    deepLinking: true,
    defaultModelsExpandDepth: 1,
    persistAuthorization: false,
    // No badge from validator.swagger.io: nothing here asks another host for anything.
    validatorUrl: null,
  });
});
