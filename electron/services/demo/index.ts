export { generateDemoWorkspace, type DemoWorkspaceOptions, type DemoWorkspaceSummary } from './demo-workspace';
export { demoFixtures, DEMO_FIXTURES, type DemoFixtures } from './demo-fixtures';
export { DEFAULT_TEMPLATES } from './email-templates';
export { SeededRandom } from './seeded-random';
