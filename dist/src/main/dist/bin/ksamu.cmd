@echo off
rem KSAMU: finds Java 17+ (JAVA_HOME, then PATH) and hands everything to the launcher lib\ksamu.jar.
rem КСАМУ: находит Java 17+ (JAVA_HOME, затем PATH) и передаёт всё программе запуска lib\ksamu.jar.
setlocal
set "KSAMU_BIN=%~dp0"
set "JAVA_EXE="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if not defined JAVA_EXE for %%J in (java.exe) do if not "%%~$PATH:J"=="" set "JAVA_EXE=%%~$PATH:J"
rem The Russian line below needs the console in UTF-8.
if not defined JAVA_EXE chcp 65001 >nul
if not defined JAVA_EXE (
  echo ksamu: Java не найдена: установите Java 17 или новее или укажите JAVA_HOME 1>&2
  echo ksamu: Java not found: install Java 17 or later or set JAVA_HOME 1>&2
  exit /b 69
)
"%JAVA_EXE%" -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -jar "%KSAMU_BIN%..\lib\ksamu.jar" %*
exit /b %ERRORLEVEL%
