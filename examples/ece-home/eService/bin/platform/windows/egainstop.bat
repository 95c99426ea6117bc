@echo off
REM egainstop.bat: stops the ECE services of this server (example ECE home; the java line stands in for the shipped one).
setlocal
SET JAVA_HOME=C:\ECE\jdk
SET env.fs.shared.location=C:\ECE\eService
"%JAVA_HOME%\bin\java" -Denv.fs.shared.location="%env.fs.shared.location%" -jar "%~dp0..\..\..\lib\bootstrap.jar" stop
endlocal
