// What one user's end-to-end encryption keeps in this browser, in an IndexedDB database of its own
// (`sc-e2ee-<userId>`), deleted at sign-out: the server drops the device with the session, so nothing in it is of
// use afterwards, and the plaintexts in it are nobody else's business.
//   device      'self' → {deviceId, privateKey (non-extractable CryptoKey), publicKey, credential}
//   keyPackages id → {publicPackage, privatePackage, lastResort}: the private halves of uploaded KeyPackages
//   groups      conversationId → {state (encoded GroupState), appliedSeq, joinedSeq, joinedAt, refused, leaves}
//   plaintexts  [conversationId, seq] → what a message said (decrypted once: MLS keys are gone after use)
//   outgoing    clientId → {conversationId, content}: what this device sent, which it cannot decrypt itself
//   verified    userId → the safety number the user confirmed
const VERSION = 1;
const STORES = ['device', 'keyPackages', 'groups', 'outgoing', 'verified'];

export const databaseName = userId => `sc-e2ee-${userId}`;

export class Store {
  static async open(userId) {
    const db = await request(indexedDB.open(databaseName(userId), VERSION), open => {
      const upgrade = open.result;
      for (const name of STORES) {
        if (!upgrade.objectStoreNames.contains(name)) upgrade.createObjectStore(name);
      }
      if (!upgrade.objectStoreNames.contains('plaintexts')) {
        upgrade.createObjectStore('plaintexts', {keyPath: ['conversationId', 'seq']});
      }
    });
    return new Store(db);
  }

  static async destroy(userId) {
    await request(indexedDB.deleteDatabase(databaseName(userId))).catch(e => console.warn('e2ee store not deleted', e));
  }

  constructor(db) {
    this.db = db;
  }

  close() {
    this.db.close();
  }

  get(store, key) {
    return request(this.db.transaction(store).objectStore(store).get(key));
  }

  getAll(store) {
    return request(this.db.transaction(store).objectStore(store).getAll());
  }

  async entries(store) {
    const tx = this.db.transaction(store);
    const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())]);
    return keys.map((key, i) => [key, values[i]]);
  }

  plaintextsOf(conversationId) {
    const range = IDBKeyRange.bound([conversationId, 0], [conversationId, Infinity]);
    return request(this.db.transaction('plaintexts').objectStore('plaintexts').getAll(range));
  }

  /**
   * Several writes in one transaction, so a group state never lands without the plaintext it produced (or the
   * other way round): `writes` is a list of [store, key, value] (value undefined deletes; plaintexts carry their key).
   */
  write(writes) {
    const names = [...new Set(writes.map(([name]) => name))];
    const tx = this.db.transaction(names, 'readwrite');
    for (const [name, key, value] of writes) {
      const store = tx.objectStore(name);
      if (value === undefined) store.delete(key);
      else if (store.keyPath) store.put(value);
      else store.put(value, key);
    }
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  }

  put(store, key, value) {
    return this.write([[store, key, value]]);
  }
}

function request(req, onUpgrade) {
  return new Promise((resolve, reject) => {
    if (onUpgrade) req.onupgradeneeded = () => onUpgrade(req);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('another tab holds the encryption store open'));
  });
}
