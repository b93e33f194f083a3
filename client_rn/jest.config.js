// Two projects, because they need two different `fetch` functions:
// - unit: the jest-expo preset, in a React Native environment whose `fetch` is a
//   stub; these tests replace it with their own fake server.
// - live: the jest-expo/node preset, which keeps Node's real `fetch`, so that
//   each snippet talks to its own step's server running under uvicorn.
module.exports = {
  projects: [
    {
      displayName: "unit",
      preset: "jest-expo",
      roots: ["<rootDir>"],
      testMatch: ["<rootDir>/tests/**/*.test.ts?(x)"],
    },
    {
      displayName: "live",
      preset: "jest-expo/node",
      roots: ["<rootDir>"],
      testMatch: ["<rootDir>/live/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/live/setup.ts"],
    },
  ],
};
