// Azurite's blob service for one test process (tests/Receivables.Tests/Infrastructure/AzuriteEndpoint.cs): the same
// process as Azurite itself, which exits when its parent's pipe on stdin closes, so a test run that dies leaves no
// Azurite behind. Arguments are Azurite's own (azurite-blob --help).
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
require("azurite/dist/src/blob/main.js");
