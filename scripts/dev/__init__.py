"""Development tools apart from the build: test server, bench, Lighthouse, screenshots."""
