// kubernetes-models and @kubernetes-models/* ship ES modules only; resolve
// them by their "import" condition (jest transforms them to CommonJS).
module.exports = (request, options) =>
  options.defaultResolver(
    request,
    /^(kubernetes-models|@kubernetes-models\/)/.test(request)
      ? { ...options, conditions: ['import', 'default'] }
      : options,
  );
