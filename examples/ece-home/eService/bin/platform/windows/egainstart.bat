@echo off
REM egainstart.bat: starts the ECE services of this server (example ECE home; the java line stands in for the shipped one).
REM After the move to DFS, env.fs.shared.location names the DFS share, the same here and in egainstop.bat.
setlocal
SET JAVA_HOME=C:\ECE\jdk 
SET env.fs.shared.location=\\egeng.info\DFS1\ECE\eService
"%JAVA_HOME%\bin\java" -Denv.fs.shared.location="%env.fs.shared.location%" -jar "%~dp0..\..\..\lib\bootstrap.jar" start
endlocal
