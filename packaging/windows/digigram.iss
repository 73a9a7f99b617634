; Inno Setup 6 script: a per-user Digigram installer with Ukrainian and English wizards.
; Build on Windows after `python packaging\build.py` has made dist\digigram:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\digigram.iss
; The result is dist\Digigram-<version>-setup.exe. No administrator rights are needed to install or
; to uninstall; the user's data in %LOCALAPPDATA%\Digigram stays unless they choose to delete it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Digigram"
#define SourceDir "..\..\dist\digigram"

[Setup]
; A fixed AppId lets a newer installer update the same installation in place.
AppId={{5D1B7C62-2F0A-4E57-9C3B-7A1E0F6B9D41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Digigram
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
; Per-user: installs under %LOCALAPPDATA%\Programs, writes only to HKCU, never asks for elevation.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
; Qt 6 needs 64-bit Windows 10 1809 (build 17763) or later; older systems get a plain message (see
; [Messages]) instead of a program that would not start.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Digigram-{#AppVersion}-setup
SetupIconFile=..\icons\digigram.ico
UninstallDisplayIcon={app}\Digigram.exe
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; An update closes a running Digigram first, so no file is left half-replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage

[Languages]
Name: "uk"; MessagesFile: "compiler:Languages\Ukrainian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
; Inno Setup checks MinVersion and the architecture before any [Code] runs: its own wording is
; replaced here with a plain one. InitializeSetup repeats the check in case those rules change.
uk.WinVersionTooLowError=Digigram потребує Windows 10 версії 1809 або новішої (чи Windows 11). На цьому комп'ютері стоїть старіша Windows, тому програма на ньому не запуститься.
en.WinVersionTooLowError=Digigram needs Windows 10 version 1809 or later (or Windows 11). This computer runs an older Windows, so the program would not start on it.
uk.OnlyOnTheseArchitectures=Digigram потребує 64-бітної Windows. На цьому комп'ютері 32-бітна Windows, тому програма на ньому не запуститься.
en.OnlyOnTheseArchitectures=Digigram needs 64-bit Windows. This computer runs 32-bit Windows, so the program would not start on it.

[CustomMessages]
uk.SelfTest=Перевірити, чи Digigram працює
en.SelfTest=Check that Digigram works
uk.ThirdParty=Ліцензії сторонніх компонентів
en.ThirdParty=Third-party licences
uk.OldWindows=Digigram потребує Windows 10 версії 1809 або новішої (чи Windows 11).%n%nНа цьому комп'ютері стоїть старіша Windows, тому програма на ньому не запуститься. Встановлення скасовано.
en.OldWindows=Digigram needs Windows 10 version 1809 or later (or Windows 11).%n%nThis computer runs an older Windows, so the program would not start on it. Setup has been cancelled.
uk.Not64=Digigram потребує 64-бітної Windows.%n%nНа цьому комп'ютері 32-бітна Windows, тому програма на ньому не запуститься. Встановлення скасовано.
en.Not64=Digigram needs 64-bit Windows.%n%nThis computer runs 32-bit Windows, so the program would not start on it. Setup has been cancelled.
uk.DeleteData=Видалити також усі дані Digigram (людей, результати перевірок, плани, резервні копії)?%n%n%1%n%nЯкщо ви плануєте встановити Digigram знову або перенести дані, натисніть «Ні» — дані залишаться.
en.DeleteData=Also delete all Digigram data (people, check results, plans, backups)?%n%n%1%n%nIf you plan to install Digigram again or move the data, choose No and the data stays.

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the program folder whole: no library from an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\Digigram.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Digigram.exe"
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\digigram-console.exe"" --self-test"; IconFilename: "{app}\Digigram.exe"
Name: "{group}\{cm:ThirdParty}"; Filename: "{app}\_internal\licenses"

[Run]
Filename: "{app}\Digigram.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the font cache is always removed; the data folder is handled in CurUninstallStepChanged.
Type: filesandordirs; Name: "{localappdata}\Digigram\Cache"

[Code]
function InitializeSetup(): Boolean;
var
  Version: TWindowsVersion;
begin
  Result := True;
  GetWindowsVersionEx(Version);
  { MinVersion alone would show Inno Setup's generic wording; these messages say what it means. }
  if (Version.Major < 10) or ((Version.Major = 10) and (Version.Build < 17763)) then
  begin
    SuppressibleMsgBox(CustomMessage('OldWindows'), mbCriticalError, MB_OK, IDOK);
    Result := False;
  end
  else if not IsWin64 then
  begin
    SuppressibleMsgBox(CustomMessage('Not64'), mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\Digigram');
  if not DirExists(DataDir) then
    Exit;
  { Silent uninstalls (for example by an update tool) always keep the data: the default answer is No. }
  if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteData'), [DataDir]),
                        mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
    DelTree(DataDir, True, True, True);
end;
