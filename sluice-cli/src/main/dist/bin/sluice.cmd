@echo off
rem Runs the Sluice command line from an unpacked distribution (bin\ and lib\ side by side), from any folder.
rem Needs Java 17 or later: %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java on PATH.
rem The JVM runs with the C1 compiler only and the serial collector, which suit a command that lives for
rem seconds; lib\sluice.jsa, a class-data-sharing archive, is mapped when present (the JVM skips one that was
rem written for another jar or JVM). SLUICE_JAVA_OPTS come last and win.
setlocal
set "SLUICE_LIB=%~dp0..\lib"
set "SLUICE_JAR=%SLUICE_LIB%\sluice.jar"
if not exist "%SLUICE_JAR%" (
  echo sluice: %SLUICE_JAR% is missing; unpack the whole distribution ^(bin\ and lib\^) 1>&2
  exit /b 10
)
set "SLUICE_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "SLUICE_JAVA=%JAVA_HOME%\bin\java.exe"
if "%SLUICE_JAVA%"=="java" (
  where java >nul 2>nul
  if errorlevel 1 (
    echo sluice: no Java found: set JAVA_HOME to a Java 17 ^(or later^) installation, or put its bin folder on PATH 1>&2
    exit /b 10
  )
)
set "SLUICE_CDS="
if exist "%SLUICE_LIB%\sluice.jsa" set "SLUICE_CDS="-XX:SharedArchiveFile=%SLUICE_LIB%\sluice.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
"%SLUICE_JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC %SLUICE_CDS% %SLUICE_JAVA_OPTS% -jar "%SLUICE_JAR%" %*
exit /b %ERRORLEVEL%
