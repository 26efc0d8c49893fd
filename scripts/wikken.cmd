@echo off
rem Starts wikken in a console window of 120 by 35 characters: room for the trainer, the
rem spiegel and the session's charts (wikken works from 80 by 24). Double-click this file.
rem The classic console takes the size; Windows Terminal keeps its own (120 by 30).
title wikken
mode con: cols=120 lines=35 >nul 2>&1
"%~dp0wikken.exe" %*
rem After an error the window stays open, so the message can be read.
if errorlevel 1 pause
