@echo off
REM UpdateDBIndexStats utility, example copy: reads input.properties from this folder and writes UpdateDBIndexStats.log.
SET JAVA_HOME="C:\Program Files\Java\jdk-17"
"%JAVA_HOME%\bin\java" -jar "%~dp0UpdateDBIndexStats.jar" > "%~dp0UpdateDBIndexStats.log" 2>&1
