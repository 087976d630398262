// The documented example consent manifest's hash (docs/consent-manifests.md), shared by the tests that
// check it. It lives outside the test files: a test file imported by another would register its suites
// a second time in whichever parallel mocha worker loads the importer.
export const EXAMPLE_HASH = "0x47c111517326e7d5290124426b79660d12f0d929269673d0a80d605d43fe2354";
