// The plugin configuration `npm start` runs with when no --config or --policy is given.
export const DEFAULT_PLUGIN_CONFIGURATION = `# leakscope dev proxy default
deployment_name: leakscope-dev
`;
