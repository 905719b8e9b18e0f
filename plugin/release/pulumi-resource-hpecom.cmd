@echo off
rem The hpecom resource provider plugin on Windows: runs the bundled plugin with the node on PATH.
where node >nul 2>nul || (echo pulumi-resource-hpecom: Node.js ^>= 20 is required on PATH, and no node was found ^(https://nodejs.org^) 1>&2 & exit /b 1)
node "%~dp0main.js" %*
