// The signing secret: shown once right after it was created or rotated, then only its fingerprint.
import { announce, formatDateTime, h } from '../dom.js';

/** The once-only panel; `onDone` removes it (the secret is then gone from this page for good). */
export function secretOncePanel(pending, onDone) {
  const code = h('code', { id: 'secret-value', 'data-secret': 'true' }, pending.secret);
  const copy = h('button', { type: 'button', class: 'btn btn-small' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(pending.secret);
      announce('Secret copied to the clipboard.');
    } catch {
      // Clipboard access can be denied inside an iframe: select it so Ctrl/Cmd+C works.
      getSelection()?.selectAllChildren(code);
      announce('Press Ctrl+C (or ⌘C) to copy the selected secret.');
    }
  });
  const title = pending.reason === 'rotated' ? 'Your new signing secret' : 'Your signing secret';
  return h(
    'section',
    { class: 'secret-once', tabindex: '-1', 'aria-labelledby': 'secret-title', 'data-testid': 'secret-once' },
    h('h2', { id: 'secret-title' }, title),
    h('p', {}, 'Copy it now and give it to your receiver to verify requests. It is shown only this once.'),
    h('div', { class: 'secret-value' }, code, copy),
    pending.previousExpiresAt
      ? h(
          'p',
          { class: 'hint' },
          `The previous secret keeps signing until ${formatDateTime(pending.previousExpiresAt)}, so nothing is missed while you update the receiver.`,
        )
      : null,
    h('button', { type: 'button', class: 'btn btn-small', onclick: onDone }, 'I have saved it'),
  );
}

/** Fingerprint, secrets still signing after a rotation, and the rotate action (with a confirmation). */
export function signingCard(app, endpoint, onRotated) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'signing-title' });
  const head = h('div', { class: 'card-head' }, h('h2', { id: 'signing-title' }, 'Signing secret'));
  if (endpoint.scheme.scheme === 'header-auth') {
    card.append(
      head,
      h(
        'p',
        { class: 'muted' },
        `No signature: requests are authenticated by your auth headers (${endpoint.headerNames.join(', ') || 'none set'}).`,
      ),
    );
    return card;
  }
  const confirmBox = h('div', { class: 'confirm', hidden: true });
  const rotate = h(
    'button',
    { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false' },
    'Rotate secret',
  );
  rotate.addEventListener('click', () => {
    confirmBox.hidden = false;
    rotate.setAttribute('aria-expanded', 'true');
    confirmBox.querySelector('button')?.focus();
  });
  const doRotate = h('button', { type: 'button', class: 'btn btn-primary btn-small' }, 'Rotate now');
  doRotate.addEventListener('click', async () => {
    doRotate.disabled = true;
    try {
      const result = await app.api('endpoints.rotateSecret', { endpointId: endpoint.id });
      app.pendingSecrets.set(endpoint.id, {
        secret: result.secret,
        reason: 'rotated',
        previousExpiresAt: result.previousSecretExpiresAt,
      });
      announce('Secret rotated. Copy the new secret now.');
      onRotated();
    } catch (error) {
      doRotate.disabled = false;
      announce(error.message, 'error');
    }
  });
  const cancel = h('button', { type: 'button', class: 'btn btn-small' }, 'Cancel');
  cancel.addEventListener('click', () => {
    confirmBox.hidden = true;
    rotate.setAttribute('aria-expanded', 'false');
    rotate.focus();
  });
  confirmBox.append(
    h(
      'p',
      {},
      'A new secret starts signing now. The current one keeps signing alongside it for a while, so the receiver can be updated without missing events.',
    ),
    h('div', { class: 'actions' }, doRotate, cancel),
  );
  head.append(rotate);
  card.append(
    head,
    h(
      'dl',
      { class: 'kv' },
      h('dt', {}, 'Fingerprint'),
      h('dd', { class: 'mono', 'data-testid': 'secret-hint' }, endpoint.secretHint ?? '—'),
      endpoint.previousSecrets.length > 0
        ? [
            h('dt', {}, 'Also signing'),
            h(
              'dd',
              {},
              endpoint.previousSecrets
                .map((p) => `${p.hint} until ${p.expiresAt ? formatDateTime(p.expiresAt) : '—'}`)
                .join('; '),
            ),
          ]
        : null,
    ),
    h(
      'p',
      { class: 'hint' },
      'The secret itself is never shown again after it was created; rotate it if it was lost or leaked.',
    ),
    confirmBox,
  );
  return card;
}
