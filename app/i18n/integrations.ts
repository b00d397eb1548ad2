// Messages of the integrations page (API keys, event types) and of the events API's errors,
// merged into en.ts and ja.ts under "integrations". Keep en and ja in step.
const en = {
  title: "Integrations",
  intro:
    "Your product sends its usage events to the portal over POST /api/v1/events with an API key. The events feed account health.",
  readOnly: "Only administrators can create or revoke keys and change the event types.",
  keys: {
    heading: "API keys",
    create: "Create an API key",
    name: "Name",
    nameHint: "Where the key is used, e.g. “Production app”. At most {{max}} characters.",
    scopes: "Scopes",
    scopeNames: {
      events_write: "events:write: send events",
      health_read: "health:read: read account health",
      accounts_read: "accounts:read: list accounts",
      accounts_write: "accounts:write: create and update accounts and members",
    },
    scopesRequired: "Choose at least one scope.",
    createButton: "Create key",
    createdTitle: "Key “{{name}}” created",
    createdWarning:
      "Copy this key now and store it in your product's secret settings. It is shown only this once; the portal keeps only a fingerprint of it.",
    keyLabel: "New API key",
    copy: "Copy key",
    copied: "Copied.",
    list: "Keys",
    none: "No API keys yet.",
    columns: {
      name: "Name",
      prefix: "Key starts with",
      scopes: "Scopes",
      created: "Created",
      lastUsed: "Last used",
      status: "Status",
    },
    by: "by {{name}}",
    never: "Never",
    active: "Active",
    revokedOn: "Revoked {{date}}",
    revoke: "Revoke",
    revokeLabel: "Revoke “{{name}}”",
    revokeTitle: "Revoke “{{name}}”?",
    revokeText:
      "Requests with this key are refused from now on. This cannot be undone; create a new key to reconnect.",
    revokeConfirm: "Revoke key",
    cancel: "Cancel",
    revoked: "Key “{{name}}” revoked.",
    unknownKey: "That key no longer exists.",
  },
  types: {
    heading: "Event types",
    intro:
      "The product's own event types. With strict mode on, the API rejects events of any other type; the portal's own types are always known.",
    strict: "Strict event types: reject unknown types",
    known: "The product's event types",
    knownHint:
      "One per line: letters, digits and . _ : - (at most 100 characters, starting with a letter or digit). At most {{max}} types.",
    invalidType: "“{{type}}” is not a valid event type.",
    reservedType: "“{{type}}” starts with “portal.”, which is kept for the portal's own events.",
    tooMany: "List at most {{max}} event types.",
    strictNeedsTypes: "List at least one event type before turning strict mode on.",
    save: "Save event types",
    saved: "Event types saved.",
    portalTypes: "The portal's own types (always known)",
    strictOn: "Strict mode is on.",
    strictOff: "Strict mode is off: every well-formed type is accepted.",
  },
  api: {
    methodNotAllowed: "Only POST is allowed on this address.",
    missingKey: "Send an API key in the header “Authorization: Bearer <API key>”.",
    invalidKey: "The API key is not valid or has been revoked.",
    missingScope: "This API key does not have the “{{scope}}” scope.",
    rateLimited:
      "Too many batches: at most {{limit}} per minute for one API key. Retry in {{seconds}} seconds.",
    unsupportedMediaType: "Send the body as JSON with “Content-Type: application/json”.",
    bodyTooLarge: "The body is larger than {{max}} bytes.",
    invalidEncoding: "The body is not valid UTF-8.",
    malformedJson: "The body is not valid JSON: {{detail}}",
    notAnObject: 'The body must be a JSON object such as {"events": [...]}.',
    eventsNotArray: "“events” must be an array of events.",
    eventsEmpty: "“events” is empty; send between 1 and {{max}} events.",
    tooManyEvents: "“events” has {{count}} events; send at most {{max}} in one batch.",
    invalidIdempotencyKey:
      "The Idempotency-Key header must be 1 to {{max}} visible ASCII characters.",
    serverError: "The events could not be stored. Nothing was saved; please retry.",
    event: {
      notObject: "The event must be a JSON object.",
      typeMissing: "“type” is required.",
      typeInvalid:
        "“type” must be 1 to 100 letters, digits or . _ : - and start with a letter or digit.",
      typeReserved: "“type” may not start with “portal.”: those are the portal's own events.",
      typeUnknown:
        "Unknown event type “{{type}}”: strict event types are on. Add it under Integrations in the CS console.",
      accountMissing: "“accountId” is required.",
      idInvalid: "“{{field}}” must be a non-empty string of at most {{max}} characters.",
      accountUnknown: "No account has the id “{{accountId}}”.",
      accountChurned:
        "Account “{{accountId}}” churned on {{date}}; events after that are not accepted.",
      userUnknown: "“{{userId}}” is not a user of account “{{accountId}}”.",
      occurredAtInvalid:
        "“occurredAt” must be an ISO-8601 date and time with a time zone, e.g. 2026-01-31T09:30:00Z.",
      occurredAtFuture: "“occurredAt” is more than {{minutes}} minutes in the future.",
      occurredAtBeforeAccount:
        "“occurredAt” is before account “{{accountId}}” was created ({{date}}).",
      propertiesInvalid: "“properties” must be a JSON object.",
      propertiesTooLarge: "“properties” is {{size}} bytes as JSON; at most {{max}} are allowed.",
    },
  },
};

const ja: typeof en = {
  title: "連携",
  intro:
    "製品は API キーを使って POST /api/v1/events で利用イベントをポータルへ送ります。イベントはアカウントのヘルススコアに反映されます。",
  readOnly: "キーの作成・無効化とイベント種別の変更は管理者だけが行えます。",
  keys: {
    heading: "API キー",
    create: "API キーを作成",
    name: "名前",
    nameHint: "キーを使う場所(例: 「本番アプリ」)。{{max}} 文字以内。",
    scopes: "スコープ",
    scopeNames: {
      events_write: "events:write: イベントを送信",
      health_read: "health:read: アカウントのヘルスを参照",
      accounts_read: "accounts:read: アカウント一覧を参照",
      accounts_write: "accounts:write: アカウントとメンバーを作成・更新",
    },
    scopesRequired: "スコープを 1 つ以上選んでください。",
    createButton: "キーを作成",
    createdTitle: "キー「{{name}}」を作成しました",
    createdWarning:
      "このキーを今すぐコピーして、製品の秘密情報の設定に保存してください。表示されるのはこの一度だけで、ポータルにはキーの指紋しか残りません。",
    keyLabel: "新しい API キー",
    copy: "キーをコピー",
    copied: "コピーしました。",
    list: "キー一覧",
    none: "API キーはまだありません。",
    columns: {
      name: "名前",
      prefix: "キーの先頭",
      scopes: "スコープ",
      created: "作成",
      lastUsed: "最終使用",
      status: "状態",
    },
    by: "{{name}}",
    never: "未使用",
    active: "有効",
    revokedOn: "{{date}} に無効化",
    revoke: "無効化",
    revokeLabel: "「{{name}}」を無効化",
    revokeTitle: "「{{name}}」を無効化しますか?",
    revokeText:
      "このキーを使ったリクエストは今後すべて拒否されます。元に戻せません。再接続するには新しいキーを作成してください。",
    revokeConfirm: "キーを無効化",
    cancel: "キャンセル",
    revoked: "キー「{{name}}」を無効化しました。",
    unknownKey: "そのキーはもう存在しません。",
  },
  types: {
    heading: "イベント種別",
    intro:
      "製品が送るイベントの種別です。厳格モードをオンにすると、API はこれ以外の種別のイベントを拒否します。ポータル自身の種別は常に既知として扱われます。",
    strict: "厳格モード: 未知のイベント種別を拒否する",
    known: "製品のイベント種別",
    knownHint:
      "1 行に 1 つ。英数字と . _ : - が使えます(100 文字以内、先頭は英数字)。最大 {{max}} 種別。",
    invalidType: "「{{type}}」はイベント種別として使えません。",
    reservedType: "「{{type}}」は「portal.」で始まります。これはポータル自身のイベント用です。",
    tooMany: "イベント種別は {{max}} 個までにしてください。",
    strictNeedsTypes: "厳格モードをオンにする前に、イベント種別を 1 つ以上入力してください。",
    save: "イベント種別を保存",
    saved: "イベント種別を保存しました。",
    portalTypes: "ポータル自身の種別(常に既知)",
    strictOn: "厳格モードはオンです。",
    strictOff: "厳格モードはオフです。形式が正しい種別はすべて受け付けます。",
  },
  api: {
    methodNotAllowed: "このアドレスでは POST だけが使えます。",
    missingKey: "ヘッダー「Authorization: Bearer <API キー>」で API キーを送ってください。",
    invalidKey: "API キーが正しくないか、無効化されています。",
    missingScope: "この API キーには「{{scope}}」スコープがありません。",
    rateLimited:
      "バッチが多すぎます。1 つの API キーにつき 1 分あたり {{limit}} 件までです。{{seconds}} 秒後に再試行してください。",
    unsupportedMediaType: "本文は「Content-Type: application/json」の JSON で送ってください。",
    bodyTooLarge: "本文が {{max}} バイトを超えています。",
    invalidEncoding: "本文が正しい UTF-8 ではありません。",
    malformedJson: "本文が正しい JSON ではありません: {{detail}}",
    notAnObject: '本文は {"events": [...]} のような JSON オブジェクトにしてください。',
    eventsNotArray: "「events」はイベントの配列にしてください。",
    eventsEmpty: "「events」が空です。1 件から {{max}} 件のイベントを送ってください。",
    tooManyEvents:
      "「events」に {{count}} 件あります。1 回のバッチで送れるのは {{max}} 件までです。",
    invalidIdempotencyKey:
      "Idempotency-Key ヘッダーは 1 〜 {{max}} 文字の表示可能な ASCII 文字にしてください。",
    serverError: "イベントを保存できませんでした。何も保存されていません。再試行してください。",
    event: {
      notObject: "イベントは JSON オブジェクトにしてください。",
      typeMissing: "「type」は必須です。",
      typeInvalid:
        "「type」は英数字と . _ : - からなる 1 〜 100 文字で、先頭は英数字にしてください。",
      typeReserved: "「type」は「portal.」で始められません。これはポータル自身のイベント用です。",
      typeUnknown:
        "未知のイベント種別「{{type}}」です。厳格モードがオンです。CS コンソールの「連携」で追加してください。",
      accountMissing: "「accountId」は必須です。",
      idInvalid: "「{{field}}」は {{max}} 文字以内の空でない文字列にしてください。",
      accountUnknown: "ID「{{accountId}}」のアカウントはありません。",
      accountChurned:
        "アカウント「{{accountId}}」は {{date}} に解約済みです。それ以降のイベントは受け付けません。",
      userUnknown: "「{{userId}}」はアカウント「{{accountId}}」のユーザーではありません。",
      occurredAtInvalid:
        "「occurredAt」はタイムゾーン付きの ISO-8601 日時にしてください(例: 2026-01-31T09:30:00Z)。",
      occurredAtFuture: "「occurredAt」が {{minutes}} 分以上未来の日時です。",
      occurredAtBeforeAccount:
        "「occurredAt」がアカウント「{{accountId}}」の作成日時({{date}})より前です。",
      propertiesInvalid: "「properties」は JSON オブジェクトにしてください。",
      propertiesTooLarge:
        "「properties」は JSON で {{size}} バイトあります。{{max}} バイトまでです。",
    },
  },
};

export const integrationsMessages = { en, ja };
