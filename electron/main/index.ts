/**
 * The Electron shell, kept thin: lifecycle, the window, the tray, native notifications, and the
 * IPC wiring to the services. Every capability lives in electron/services and runs without
 * Electron (web mode, CLI, tests); this file only adapts it to the desktop.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, safeStorage, session, shell, Tray } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../contract/ipc-channels';
import { contractError } from '../contract/envelope';
import { createAccueil, type Accueil } from '../services/accueil';
import { createFileLogger } from '../services/log';
import { EncryptedFileSecretStore } from '../services/settings/secret-store';
import { IncomingCallAlerts } from '../services/journal/incoming-call-alerts';
import { incomingCallsNotification, type IncomingCall } from './pop-notification';
import { CompanyServerLink } from '../services/remote/company-server-link';
import { COMPANY_SERVER_FILE, COMPANY_SERVER_SESSION, readCompanyServerChoice } from '../services/remote/remote-area';
import type { SecretStore } from '../services/settings/secret-store';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let accueil: Accueil | null = null;
let remote: CompanyServerLink | null = null;
let incomingAlerts: IncomingCallAlerts<IncomingCall> | null = null;
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => bringToFront());
  app.setAppUserModelId('fr.accueil.console'); // Windows: notifications need it
  void app.whenReady().then(start);
}

/** Only our own top-level page may call the services: not a sub-frame, not a navigated-away page. */
function isTrustedSender(frame: Electron.WebFrameMain | null): boolean {
  if (!frame || !mainWindow || frame !== mainWindow.webContents.mainFrame) return false;
  const url = frame.url;
  if (devServerUrl) return url.startsWith(devServerUrl);
  return url === pathToFileURL(rendererIndex).href || url.startsWith(`${pathToFileURL(rendererIndex).href}#`);
}

async function start() {
  const dataDir = app.getPath('userData');
  const logger = createFileLogger({ file: path.join(dataDir, 'logs', 'accueil.log') });
  const secrets = safeStorage.isEncryptionAvailable()
    ? new EncryptedFileSecretStore(dataDir, {
        encrypt: (plain) => safeStorage.encryptString(plain),
        decrypt: (data) => safeStorage.decryptString(data),
      })
    : undefined; // falls back to the owner-only file store inside createAccueil
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  // Paramètres › « Serveur de l'entreprise »: this console forwards everything to the server.
  const choice = readCompanyServerChoice(dataDir);
  const token = choice && secrets ? secrets.get(COMPANY_SERVER_SESSION) : null;
  if (choice && token && secrets) return startRemote(dataDir, choice, token, secrets, logger);
  accueil = await createAccueil({ dataDir, mode: 'desktop', version: app.getVersion(), logger, ...(secrets ? { secrets } : {}) });
  const services = accueil;

  ipcMain.handle(IPC_INVOKE, (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      logger.warn('ipc call from an untrusted frame refused', { url: event.senderFrame?.url ?? null });
      return { ok: false, error: contractError('forbidden', { reason: 'contract.origin_refused' }) };
    }
    return services.dispatch(name, input, {
      access: 'agent',
      onInternalError: (call, error) => logger.error('call failed', { call, error }),
    });
  });

  services.events.subscribe((name, payload) => {
    mainWindow?.webContents.send(IPC_EVENT, name, payload);
  });
  // A flood of INVITEs gives one notification per few seconds and takes the focus once (see
  // incoming-call-alerts.ts); the pop in the window is not held back.
  incomingAlerts = new IncomingCallAlerts<IncomingCall>(({ calls, focus }) => {
    if (focus) bringToFront();
    const notification = new Notification(incomingCallsNotification(calls, services.locale()));
    notification.on('click', bringToFront);
    notification.show();
  });
  const alerts = incomingAlerts;
  services.events.on('call.incoming', (incoming) => alerts.ring(incoming));
  // A company server chosen in Paramètres: the app starts again on it.
  services.events.on('companyServer.changed', () => relaunch());

  createWindow();
  createTray();
}

/**
 * The desktop app as a console of the company server: the renderer's calls go to the server over
 * its socket (CompanyServerLink), the server's events (this agent's pops only) come back, with the
 * same native notifications; « Serveur de l'entreprise » calls stay here (to leave the server).
 */
function startRemote(dataDir: string, choice: { url: string; login: string }, token: string, secrets: SecretStore, logger: ReturnType<typeof createFileLogger>) {
  const link = new CompanyServerLink({ url: choice.url, token, logger: logger.child('remote') });
  remote = link;
  const status = (active: boolean) => ({ available: true, url: choice.url, login: choice.login, active });
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      logger.warn('ipc call from an untrusted frame refused', { url: event.senderFrame?.url ?? null });
      return { ok: false, error: contractError('forbidden', { reason: 'contract.origin_refused' }) };
    }
    if (name === 'companyServer.status') return { ok: true, value: status(true) };
    if (name === 'companyServer.disconnect') {
      secrets.set(COMPANY_SERVER_SESSION, null);
      fs.rmSync(path.join(dataDir, COMPANY_SERVER_FILE), { force: true });
      setTimeout(relaunch, 200);
      return { ok: true, value: { available: true, url: null, login: null, active: false } };
    }
    return link.invoke(String(name), input);
  });
  const alerts = new IncomingCallAlerts<IncomingCall>(({ calls, focus }) => {
    if (focus) bringToFront();
    const notification = new Notification(incomingCallsNotification(calls, 'fr'));
    notification.on('click', bringToFront);
    notification.show();
  });
  incomingAlerts = alerts;
  link.onEvent((name, payload) => {
    mainWindow?.webContents.send(IPC_EVENT, name, payload);
    if (name === 'call.incoming') alerts.ring(payload as IncomingCall);
  });
  let said: string | null = null;
  link.onState((state) => {
    // Said once per change, in the system's notifications: the window may be hidden in the tray.
    if (state.state === said || state.state === 'connecting') return;
    said = state.state;
    if (state.state === 'unreachable') new Notification({ title: 'Accueil', body: `Serveur de l'entreprise injoignable (${choice.url}) : reconnexion automatique.` }).show();
    if (state.state === 'signed-out') new Notification({ title: 'Accueil', body: 'Votre session sur le serveur de l’entreprise a pris fin : reconnectez-vous dans Paramètres.' }).show();
  });
  link.start();
  createWindow();
  createTray();
}

function relaunch() {
  app.relaunch();
  void quit();
}

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Accueil',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // Nothing navigates away from the console and nothing opens a window; links to the web go to
  // the user's browser.
  mainWindow.webContents.on('will-navigate', (event, url) => {
    if (!devServerUrl || !url.startsWith(devServerUrl)) event.preventDefault();
  });
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  mainWindow.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // Closing the window keeps the console in the tray: the line must stay registered.
  mainWindow.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      mainWindow?.hide();
    }
  });
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadFile(rendererIndex);
}

function createTray() {
  const icon = nativeImage.createFromPath(path.join(process.resourcesPath ?? '', 'icon.png'));
  tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon);
  tray.setToolTip('Accueil');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Afficher Accueil', click: bringToFront },
      { type: 'separator' },
      { label: 'Quitter', click: () => void quit() },
    ]),
  );
  tray.on('click', bringToFront);
}

function bringToFront() {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  // Windows refuses focus stealing from a background process; a brief always-on-top does it.
  mainWindow.setAlwaysOnTop(true);
  mainWindow.focus();
  mainWindow.setAlwaysOnTop(false);
}

async function quit() {
  quitting = true;
  incomingAlerts?.dispose();
  remote?.stop();
  await accueil?.close();
  app.quit();
}

app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => {
  // Stay in the tray on every platform: see the window's close handler.
});
