// Audio and video calls: peer-to-peer WebRTC (mesh), signaled over /ws/calls (docs/video-protocol.md).
// Each pair of participants negotiates with the "perfect negotiation" pattern: both may offer at any time, and on
// a collision the polite side (the larger user id) yields. Incoming calls ring on the chat socket (call.incoming).
// When the call socket comes back after a drop (the video service restarted), `ready.resumed` is true and every
// peer connection restarts ICE.
// In an `e2ee` conversation every frame of every stream is end-to-end encrypted with SFrame, keyed from the
// conversation's MLS group (../call/media-encryption.js); without the keys the call does not start.
import {h, replace} from '../dom.js';
import {get, post} from '../api.js';
import {profile} from '../people.js';
import {ReconnectingSocket} from '../socket.js';
import {MediaEncryption, supported as mediaEncryptionSupported} from '../call/media-encryption.js';

// 1000 comes after our own `leave` (and then we closed first); from anywhere else (a proxy in between) it is a drop
const CALL_FINAL_CLOSE_CODES = new Set([4403, 4404, 4409, 4410]);
const STATS_EVERY_MS = 1_000;
const STALE_OFFER_MS = 2_000;
// a negotiated connection that has not connected by then is restarted (new ICE credentials, candidates gathered
// and sent again) by the impolite side: a candidate lost in a glare or a drop would otherwise leave it stalled for
// good, as `failed` (which restarts by itself) is never reached from `new`. A side that has gathered no candidate of
// its own restarts its own ICE after half that time (before the other side's restart, so the two do not collide):
// the other side's restarts cannot make it gather.
const ICE_STALL_MS = 10_000;
// after this many restarts that did not connect, the impolite side starts both peer connections afresh: it sends
// `{reset: true}`, and each side closes its connection with the other and opens a new one
const RESTARTS_BEFORE_RESET = 2;
// how many of a peer connection's last events its tile keeps (data-events), for a test to print when it stalls
const EVENTS_KEPT = 40;

export class Calls {
  constructor(chat, me) {
    this.chat = chat;
    this.me = me;
    this.call = null;
    this.ringing = h('div', {class: 'ringing card', role: 'alertdialog', 'aria-live': 'assertive', hidden: true});
    this.tiles = h('div', {class: 'tiles'});
    this.controls = h('div', {class: 'call-controls'});
    this.callState = h('p', {class: 'call-state', role: 'status', 'data-testid': 'call-state'});
    this.encrypted = h('p', {class: 'call-e2ee', 'data-testid': 'call-e2ee', hidden: true},
      h('span', {'aria-hidden': 'true'}, '🔒 '), 'End-to-end encrypted');
    this.stage = h('section', {class: 'call card', 'aria-label': 'Call', hidden: true},
      this.callState, this.encrypted, this.tiles, this.controls);
    this.element = h('div', {}, this.ringing, this.stage);
  }

  callButtons(conversationId) {
    return h('span', {class: 'call-buttons'},
      h('button', {type: 'button', onclick: () => this.start(conversationId, 'audio')}, 'Audio call'),
      h('button', {type: 'button', onclick: () => this.start(conversationId, 'video')}, 'Video call'));
  }

  /** call.* events relayed by the chat socket. */
  async onChatEvent(frame) {
    if (frame.type === 'call.incoming') {
      if (this.call) return; // busy: the caller sees it ring out
      const caller = await profile(frame.callerId);
      replace(this.ringing,
        h('p', {}, `${caller.displayName} is calling (${frame.media})…`),
        h('button', {type: 'button', class: 'primary accept', onclick: () => this.#accept(frame)}, 'Accept'),
        h('button', {type: 'button', class: 'danger decline', onclick: () => this.#decline(frame)}, 'Decline'));
      this.ringing.hidden = false;
      this.ringing.dataset.callId = frame.callId;
      this.ringing.onkeydown = event => {
        if (event.key === 'Escape') this.#decline(frame);
      };
      this.ringing.querySelector('.accept').focus();
    } else if (frame.type?.startsWith('call.') && this.ringing.dataset.callId === frame.callId) {
      this.ringing.hidden = true;
    }
    if (['call.declined', 'call.cancelled', 'call.missed', 'call.ended'].includes(frame.type)
        && this.call?.id === frame.callId && frame.reason) {
      this.#finish(`Call ${frame.reason}.`);
    }
  }

  async #accept(frame) {
    this.ringing.hidden = true;
    await this.#join({id: frame.callId, media: frame.media, conversationId: frame.conversationId});
  }

  async #decline(frame) {
    this.ringing.hidden = true;
    await post(`/api/v1/calls/${frame.callId}/decline`).catch(() => {});
  }

  async start(conversationId, media) {
    if (this.call) return;
    try {
      const call = await post('/api/v1/calls', {conversationId, media});
      await this.#join(call, true);
    } catch (e) {
      alert(`The call could not start: ${e.message}`);
    }
  }

  async #join(call, initiator = false) {
    const media = call.media ?? 'video';
    const giveUp = async message => {
      alert(message);
      if (!initiator) await post(`/api/v1/calls/${call.id}/decline`).catch(() => {});
      else await post(`/api/v1/calls/${call.id}/end`).catch(() => {});
    };
    let encryption;
    try {
      encryption = await this.#mediaEncryption(call.conversationId);
    } catch (e) {
      await giveUp(`This call cannot be end-to-end encrypted, so it does not start: ${e.message}`);
      return;
    }
    let local;
    try {
      local = await navigator.mediaDevices.getUserMedia({audio: true, video: media === 'video'});
    } catch (e) {
      encryption?.stop();
      await giveUp(`Camera or microphone not available: ${e.message}`);
      return;
    }
    const iceServers = await get(`/api/v1/turn/credentials?callId=${encodeURIComponent(call.id)}`)
      .then(t => [{urls: t.uris, username: t.username, credential: t.password}]).catch(() => []);
    const socket = new ReconnectingSocket(`/ws/calls?callId=${encodeURIComponent(call.id)}`,
      {finalCloseCodes: CALL_FINAL_CLOSE_CODES});
    this.call = {id: call.id, media, initiator, local, socket, iceServers, encryption, peers: new Map(),
      startedAt: Date.now(),
      screen: null, state: 'ringing', statsTimer: setInterval(() => this.#updateStats(), STATS_EVERY_MS)};
    socket.addEventListener('frame', event => this.#onFrame(event.detail));
    socket.addEventListener('state', event => this.#onSocketState(event.detail));
    this.#showStage();
    socket.open();
  }

  /**
   * The media encryption of a call in an `e2ee` conversation, with the current epoch's key already in place; null
   * for any other call. Throws when the call ought to be encrypted and cannot be: it is refused rather than sent in
   * clear.
   * A test may set `globalThis.scCallProbe = {frames, samples: []}` before the page loads to have the first encoded
   * frames of every stream sampled into `samples` (in a plaintext call too, passed through untouched).
   */
  async #mediaEncryption(conversationId) {
    const probe = globalThis.scCallProbe ?? null;
    const conversation = conversationId
      ? this.chat.conversations.get(conversationId) ?? await get(`/api/v1/conversations/${conversationId}`) : null;
    if (!conversation?.e2ee) {
      return probe && mediaEncryptionSupported() ? new MediaEncryption({mode: 'probe', probe}) : null;
    }
    if (!mediaEncryptionSupported()) throw new Error('this browser has no WebRTC encoded transforms');
    if (!this.chat.e2ee) throw new Error('end-to-end encryption is not available in this tab');
    const encryption = new MediaEncryption({conversationId, keys: this.chat.e2ee, probe});
    try {
      await encryption.start();
    } catch (e) {
      encryption.stop();
      throw e;
    }
    return encryption;
  }

  #showStage() {
    const call = this.call;
    const self = h('video', {class: 'local', autoplay: true, muted: true, playsinline: true, 'aria-label': 'Your camera'});
    self.srcObject = call.local;
    replace(this.tiles, h('figure', {class: 'tile self'}, self, h('figcaption', {}, 'You')));
    const mute = h('button', {type: 'button', 'aria-pressed': 'false', onclick: () => this.#toggle('audio', mute)}, 'Mute');
    const camera = call.media === 'video'
      ? h('button', {type: 'button', 'aria-pressed': 'false', onclick: () => this.#toggle('video', camera)}, 'Camera off') : null;
    const screen = h('button', {type: 'button', 'aria-pressed': 'false', onclick: () => this.#toggleScreen(screen)},
      'Share screen');
    replace(this.controls, mute, camera, screen,
      h('button', {type: 'button', class: 'danger', onclick: () => this.hangUp()}, 'Hang up'));
    this.encrypted.hidden = call.encryption?.mode !== 'sframe';
    this.callState.textContent = 'Calling…';
    this.stage.hidden = false;
  }

  #onSocketState({state}) {
    if (!this.call) return;
    if (state === 'reconnecting') this.callState.textContent = 'Reconnecting…';
    if (state === 'closed') this.#finish('Call ended.');
  }

  #onFrame(frame) {
    const call = this.call;
    if (!call) return;
    switch (frame.type) {
      case 'ready':
        this.#syncPeers(frame.participants ?? []);
        if (frame.resumed) call.peers.forEach(peer => peer.pc.restartIce());
        this.#describeState(frame.state);
        break;
      case 'participants':
        this.#syncPeers(frame.participants ?? []);
        this.#describeState(frame.state);
        break;
      case 'signal':
        this.#onSignal(frame.from, frame.data);
        break;
      case 'state':
        this.#peerState(frame);
        break;
      case 'declined':
        this.callState.textContent = 'Declined.';
        break;
      case 'ended':
        this.#finish(`Call ended${frame.reason ? ` (${frame.reason})` : ''}.`);
        break;
      default:
    }
  }

  #describeState(state) {
    if (!state || !this.call) return;
    this.call.state = state;
    this.callState.textContent = state === 'active' ? 'In call' : state === 'ringing' ? 'Ringing…' : state;
  }

  #syncPeers(participants) {
    const present = new Set(participants.map(p => p.userId).filter(id => id !== this.me.id));
    const joinedAt = new Map(participants.map(p => [p.userId, Date.parse(p.joinedAt ?? '')]));
    for (const userId of present) {
      const peer = this.call.peers.get(userId);
      if (!peer) {
        this.#addPeer(userId);
      } else if (peer.pc.signalingState === 'have-local-offer'
          && (joinedAt.get(userId) > peer.offeredAt || Date.now() - peer.offeredAt > STALE_OFFER_MS)) {
        // an offer made while this peer was away (both restarting ICE after a video-service restart) went nowhere:
        // send it again once the peer is back (it (re)joined after the offer), or once the offer is old
        this.#signal(userId, {type: 'offer', sdp: peer.pc.localDescription.sdp});
        peer.offeredAt = Date.now();
      }
    }
    for (const [userId, peer] of this.call.peers) {
      if (!present.has(userId)) {
        peer.pc.close();
        peer.tile.remove();
        this.call.peers.delete(userId);
      }
    }
    if (present.size) this.call.hadPeers = true;
    else if (this.call.hadPeers) this.hangUp('Everyone else left.');
  }

  #addPeer(userId) {
    const call = this.call;
    const pc = new RTCPeerConnection({iceServers: call.iceServers});
    const video = h('video', {autoplay: true, playsinline: true});
    const caption = h('figcaption', {}, '…');
    const tile = h('figure', {class: 'tile remote', dataset: {userId, connection: 'new', framesDecoded: '0'}},
      video, caption);
    profile(userId).then(p => {
      caption.textContent = p.displayName;
      video.setAttribute('aria-label', `${p.displayName}’s video`);
    });
    this.tiles.append(tile);
    const peer = {pc, tile, video, polite: this.me.id > userId, makingOffer: false, ignoreOffer: false,
      negotiatedAt: Date.now(), localCandidates: 0, remoteCandidates: 0, iceRestarts: 0, events: []};
    call.peers.set(userId, peer);
    const remote = new MediaStream();
    video.srcObject = remote;
    pc.ontrack = ({track, transceiver}) => {
      call.encryption?.attachRemote(transceiver);
      const second = track.kind === 'video' && remote.getVideoTracks().some(t => t.readyState === 'live');
      if (!second) {
        remote.addTrack(track);
        track.onended = () => remote.removeTrack(track);
        return;
      }
      // a second video track is a shared screen: shown beside the camera
      const screen = h('video', {class: 'screen', autoplay: true, playsinline: true, 'aria-label': 'Shared screen'});
      screen.srcObject = new MediaStream([track]);
      tile.append(screen);
      track.onended = () => screen.remove();
      track.onmute = () => { screen.hidden = true; };
      track.onunmute = () => { screen.hidden = false; };
    };
    pc.onicecandidate = ({candidate}) => {
      if (candidate) peer.localCandidates++;
      this.#signal(userId, {candidate: candidate ? candidate.toJSON() : null});
    };
    pc.onsignalingstatechange = () => {
      this.#note(peer, `signaling ${pc.signalingState}`);
      if (pc.signalingState === 'stable') peer.negotiatedAt = Date.now();
    };
    pc.onicegatheringstatechange = () => this.#note(peer, `gathering ${pc.iceGatheringState}`);
    pc.oniceconnectionstatechange = () => this.#note(peer, `ice ${pc.iceConnectionState}`);
    pc.onconnectionstatechange = () => {
      tile.dataset.connection = pc.connectionState;
      if (pc.connectionState === 'failed') pc.restartIce();
    };
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        peer.offeredAt = Date.now();
        this.#note(peer, `sent ${pc.localDescription.type}${ufragOf(pc.localDescription.sdp)}`);
        this.#signal(userId, {type: pc.localDescription.type, sdp: pc.localDescription.sdp});
      } catch (e) {
        this.#note(peer, `failed to offer: ${e.message}`);
        throw e;
      } finally {
        peer.makingOffer = false;
      }
    };
    call.local.getTracks().forEach(track => this.#send(pc, track, call.local));
    if (call.screen) call.screen.getTracks().forEach(track => this.#send(pc, track, call.screen));
  }

  /** Adds a track to a peer connection, encrypted both ways when the call is (set before any frame flows). */
  #send(pc, track, stream) {
    const sender = pc.addTrack(track, stream);
    this.call?.encryption?.attachTransceiver(pc.getTransceivers().find(t => t.sender === sender));
    return sender;
  }

  #signal(to, data) {
    this.call?.socket.send({type: 'signal', to, data});
  }

  async #onSignal(from, data) {
    if (data.reset) {
      this.#replacePeer(from, 'reset by the other side');
      return;
    }
    const peer = this.call.peers.get(from) ?? (this.#addPeer(from), this.call.peers.get(from));
    const {pc} = peer;
    this.#note(peer, `got ${data.type ?? (data.candidate ? 'candidate' : 'end of candidates')}${ufragOf(data.sdp)}`);
    try {
      if (data.type) {
        const collision = data.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) {
          // our offer may have gone out while the other side was away (both rejoining after a restart): the polite
          // side answers it once it has it
          if (pc.signalingState === 'have-local-offer' && Date.now() - peer.offeredAt > STALE_OFFER_MS) {
            this.#signal(from, {type: 'offer', sdp: pc.localDescription.sdp});
            peer.offeredAt = Date.now();
          }
          return;
        }
        if (data.type === 'answer' && pc.signalingState === 'stable') return; // the answer to an offer rolled back
        await pc.setRemoteDescription({type: data.type, sdp: data.sdp});
        if (data.type === 'offer') {
          await pc.setLocalDescription();
          this.#note(peer, `sent ${pc.localDescription.type}${ufragOf(pc.localDescription.sdp)}`);
          this.#signal(from, {type: pc.localDescription.type, sdp: pc.localDescription.sdp});
        }
      } else if ('candidate' in data) {
        try {
          await pc.addIceCandidate(data.candidate ?? undefined);
          if (data.candidate) peer.remoteCandidates++;
        } catch (e) {
          if (!peer.ignoreOffer) throw e;
        }
      }
    } catch (e) {
      this.#note(peer, `failed: ${e.message}`);
      console.warn('signaling with', from, 'failed', e);
    }
  }

  /** Closes the peer connection with `userId` and opens a new one, which negotiates from scratch. */
  #replacePeer(userId, why) {
    const old = this.call.peers.get(userId);
    if (old) {
      old.pc.close();
      old.tile.remove();
      this.call.peers.delete(userId);
    }
    this.#addPeer(userId);
    const peer = this.call.peers.get(userId);
    peer.resets = (old?.resets ?? 0) + 1;
    peer.tile.dataset.resets = String(peer.resets);
    this.#note(peer, why);
  }

  /** Keeps the event on the peer's tile (the last EVENTS_KEPT of them, newest last), with ms since the call began. */
  #note(peer, event) {
    peer.events.push(`${Date.now() - (this.call?.startedAt ?? 0)} ${event}`);
    if (peer.events.length > EVENTS_KEPT) peer.events.shift();
    peer.tile.dataset.events = peer.events.join('; ');
  }

  #peerState(frame) {
    const peer = this.call.peers.get(frame.from);
    if (!peer) return;
    if (frame.audio !== undefined) peer.tile.dataset.audio = String(frame.audio);
    if (frame.video !== undefined) peer.tile.dataset.video = String(frame.video);
    if (frame.screen !== undefined) peer.tile.dataset.screen = String(frame.screen);
  }

  #toggle(kind, button) {
    const tracks = kind === 'audio' ? this.call.local.getAudioTracks() : this.call.local.getVideoTracks();
    const off = button.getAttribute('aria-pressed') !== 'true';
    tracks.forEach(track => { track.enabled = !off; });
    button.setAttribute('aria-pressed', String(off));
    this.call.socket.send({type: 'state', [kind]: !off});
  }

  /** Screen sharing is a second video track; adding or removing it renegotiates with every peer. */
  async #toggleScreen(button) {
    const call = this.call;
    if (call.screen) {
      this.#stopScreen(button);
      return;
    }
    try {
      call.screen = await navigator.mediaDevices.getDisplayMedia({video: true});
    } catch {
      return;
    }
    const [track] = call.screen.getVideoTracks();
    track.onended = () => this.#stopScreen(button);
    call.peers.forEach(peer => { peer.screenSender = this.#send(peer.pc, track, call.screen); });
    button.setAttribute('aria-pressed', 'true');
    call.socket.send({type: 'state', screen: true});
  }

  #stopScreen(button) {
    const call = this.call;
    if (!call?.screen) return;
    call.screen.getTracks().forEach(track => track.stop());
    call.peers.forEach(peer => {
      if (peer.screenSender) peer.pc.removeTrack(peer.screenSender);
      peer.screenSender = null;
    });
    call.screen = null;
    button.setAttribute('aria-pressed', 'false');
    call.socket.send({type: 'state', screen: false});
  }

  /**
   * Inbound video as getStats() counts it, and the current ICE session, on each tile; the frames encrypted, decrypted
   * and dropped and the MLS epoch sent with, on the stage: for the curious and for tests.
   */
  async #updateStats() {
    const encryption = this.call?.encryption;
    if (encryption) {
      encryption.refreshStats();
      const {encrypted, decrypted, dropped, sendingEpoch} = encryption.stats;
      Object.assign(this.stage.dataset, {framesEncrypted: encrypted, framesDecrypted: decrypted,
        framesDropped: Object.values(dropped).reduce((a, b) => a + b, 0), keyEpoch: sendingEpoch ?? ''});
    }
    for (const peer of this.call?.peers.values() ?? []) {
      const stats = await peer.pc.getStats().catch(() => null);
      let frames = 0;
      stats?.forEach(report => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
      peer.tile.dataset.framesDecoded = String(frames);
      peer.tile.dataset.videoTracks = String(peer.tile.querySelectorAll('video').length);
      peer.tile.dataset.iceUfrag = ufragOf(peer.pc.localDescription?.sdp).trim();
      peer.tile.dataset.signaling = peer.pc.signalingState;
      peer.tile.dataset.candidates = `${peer.localCandidates} local, ${peer.remoteCandidates} remote`;
    }
    for (const [userId, peer] of this.call?.peers ?? []) this.#recoverIfStalled(userId, peer);
  }

  /**
   * A connection negotiated a while ago that never connected: the side with no candidate of its own restarts its
   * ICE, the impolite side restarts ICE, and after RESTARTS_BEFORE_RESET such restarts starts both connections afresh
   * (see ICE_STALL_MS).
   */
  #recoverIfStalled(userId, peer) {
    const {pc} = peer;
    const stalledFor = (pc.connectionState === 'new' || pc.connectionState === 'connecting')
      && pc.signalingState === 'stable' && pc.remoteDescription ? Date.now() - peer.negotiatedAt : 0;
    const ungathered = peer.localCandidates === 0 && stalledFor > ICE_STALL_MS / 2;
    if (!ungathered && (peer.polite || stalledFor <= ICE_STALL_MS)) return;
    if (!peer.polite && peer.iceRestarts >= RESTARTS_BEFORE_RESET) {
      this.#signal(userId, {reset: true});
      this.#replacePeer(userId, `reset after ${peer.iceRestarts} ICE restarts`);
      return;
    }
    peer.negotiatedAt = Date.now();
    peer.iceRestarts++;
    peer.tile.dataset.iceRestarts = String(peer.iceRestarts);
    this.#note(peer, ungathered ? 'no candidate gathered: restarting ICE' : 'stalled: restarting ICE');
    pc.restartIce();
  }

  hangUp(text = 'Call ended.') {
    const call = this.call;
    if (!call) return;
    if (call.initiator && call.state === 'ringing') post(`/api/v1/calls/${call.id}/end`).catch(() => {});
    call.socket.send({type: 'leave'});
    this.#finish(text);
  }

  #finish(text) {
    const call = this.call;
    if (!call) return;
    this.call = null;
    clearInterval(call.statsTimer);
    call.encryption?.stop();
    this.encrypted.hidden = true;
    ['framesEncrypted', 'framesDecrypted', 'framesDropped', 'keyEpoch'].forEach(key => delete this.stage.dataset[key]);
    call.socket.close();
    call.peers.forEach(peer => peer.pc.close());
    call.local.getTracks().forEach(track => track.stop());
    call.screen?.getTracks().forEach(track => track.stop());
    replace(this.tiles);
    replace(this.controls);
    this.callState.textContent = text;
    setTimeout(() => { if (!this.call) this.stage.hidden = true; }, 2_000);
  }

  reauthenticate() {
    this.call?.socket.reauthenticate();
  }
}

/** ` ufrag <the ICE username fragment>` of an SDP description, for the event log; empty without one. */
function ufragOf(sdp) {
  const ufrag = sdp?.match(/a=ice-ufrag:(\S+)/)?.[1];
  return ufrag ? ` ufrag ${ufrag}` : '';
}
