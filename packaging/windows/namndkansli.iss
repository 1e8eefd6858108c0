; Windows installer for Nämndkansli (Inno Setup 6.3 or later).
;
; Input: dist\namndkansli\ as built by PyInstaller from packaging\namndkansli.spec.
; Build (from the repository folder; the steps are in packaging\README.md):
;     "%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe" packaging\windows\namndkansli.iss
; Output: dist\namndkansli-<version>-windows-x64-setup.exe
;
; The installer needs no administrator rights: by default it installs for the current
; user in %LOCALAPPDATA%\Programs\Nämndkansli, with a start-menu entry and the .nkdb
; file association under HKEY_CURRENT_USER. IT can still install for all users
; (setup.exe /ALLUSERS, as administrator). The uninstaller removes only the program
; files it installed: the user's databases, and the data folder %APPDATA%\namndkansli
; (settings, logs, backups), are never touched.
;
; This file is UTF-8 with a byte order mark, so that Inno Setup reads "ä" correctly.

#define AppName "Nämndkansli"
#define ExeName "namndkansli.exe"
#define ProgId "Namndkansli.Databas"
#define BuiltDir AddBackslash(SourcePath) + "..\..\dist\namndkansli"

#if !FileExists(BuiltDir + "\" + ExeName)
  #error Hittar inte dist\namndkansli\namndkansli.exe. Bygg programmet med PyInstaller först (packaging\README.md).
#endif

; The version is read from the executable's version resource (set from app/__init__.py
; by the spec), so it never has to be typed here. Override with /DAppVersion=1.2.3.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BuiltDir + "\" + ExeName, "ProductVersion")
#endif
#if AppVersion == ""
  #error Programfilen saknar versionsuppgift; ange den med /DAppVersion=...
#endif

; Swedish texts for the installer's own pages, if a Swedish.isl lies next to this file
; (an unofficial Inno Setup translation; see packaging\README.md). Without it those
; pages are in English; this script's own texts below are Swedish either way.
#if FileExists(AddBackslash(SourcePath) + "Swedish.isl")
  #define SwedishMessages ",Swedish.isl"
#else
  #define SwedishMessages ""
#endif

[Setup]
AppId={{AC3ABBAB-50D2-4342-BB51-916BF4B7516C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Kallelser, protokoll och register för kommunala nämnder
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
; Per user, without administrator rights; an administrator may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile=..\..\resources\icons\namndkansli.ico
UninstallDisplayIcon={app}\{#ExeName}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=namndkansli-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "svenska"; MessagesFile: "compiler:Default.isl{#SwedishMessages}"

[CustomMessages]
svenska.Shortcuts=Genvägar:
svenska.DesktopShortcut=Skapa en genväg på skrivbordet
svenska.DatabaseType=Nämndkansli-databas
svenska.StartNow=Starta Nämndkansli nu

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:Shortcuts}"; Flags: unchecked

[InstallDelete]
; An update replaces the program's support files entirely, so that nothing of an older
; version lingers (the data folder is elsewhere and is not affected).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; A portable.txt or data folder left in the build folder must not switch every
; installation into portable mode.
Source: "{#BuiltDir}\*"; DestDir: "{app}"; Excludes: "portable.txt,\data\*"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"; Comment: "Kallelser, protokoll och register för kommunala nämnder"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; Tasks: desktopicon

[Registry]
; .nkdb opens in Nämndkansli on double-click: "namndkansli.exe gui <file>". HKA is
; HKEY_CURRENT_USER for a per-user installation, HKEY_LOCAL_MACHINE for all users.
Root: HKA; Subkey: "Software\Classes\.nkdb"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.nkdb\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DatabaseType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#ExeName},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" gui ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: ".nkdb"; ValueData: ""

[Run]
Filename: "{app}\{#ExeName}"; Description: "{cm:StartNow}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes exactly the files it installed. The
; user's .nkdb files and %APPDATA%\namndkansli stay; so does a data folder next to the
; program (portable mode), since the program folder is only removed when it is empty.
