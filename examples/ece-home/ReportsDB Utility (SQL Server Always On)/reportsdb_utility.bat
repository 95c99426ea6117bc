@echo off
REM Reports DB utility (SQL Server Always On), example copy: the java line stands in for the shipped one.
REM Usage: reportsdb_utility.bat createdBObjects
SET JAVA_HOME=<JAVA_HOME>
"%JAVA_HOME%\bin\java" -jar "%~dp0reportsdb_utility.jar" %*
