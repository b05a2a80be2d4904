// The codes of the plan's reasons (why an attribute is removed, emptied, kept…): one per rule of
// PS3.15 Table E.1-1 and its options, of the private-attribute rule and of the project's own
// rules, plus the notes that say how a compound code (X/Z, Z/D, X/Z/D…) was resolved, the option
// names and the detector kinds named inside a reason. Texts: the `plan` part of the `codes`
// namespace (src/i18n/locales/<lng>/plan.json). Builders: src/core/profile/plan-reasons.ts.

export const PLAN_REASON_CODES = [
  'plan.reason.basic', 'plan.reason.overrides', 'plan.reason.byOptions', 'plan.reason.group', 'plan.reason.groupLength',
  'plan.reason.charset', 'plan.reason.pixelData', 'plan.reason.notInDictionary', 'plan.reason.uidUnlisted', 'plan.reason.dateUnlisted',
  'plan.reason.unlisted', 'plan.reason.private', 'plan.reason.safeCreator', 'plan.reason.safePrivate', 'plan.reason.noCreator',
  'plan.reason.notSafe', 'plan.reason.creatorUnused', 'plan.reason.pnInCleaned', 'plan.reason.maskedInCleaned',
  'plan.reason.maskedUnlisted', 'plan.reason.overlay',
  // "<rule> → <note>": how a compound code was resolved.
  'plan.resolved',
  'plan.note.emptySequence', 'plan.note.itemsKept', 'plan.note.references', 'plan.note.dummy', 'plan.note.noValueNeeded',
  'plan.note.type2', 'plan.note.notRequired', 'plan.note.nothingInside', 'plan.note.dummyItems',
  // An option that lost to another ("Retain Device Identity Option: K").
  'plan.optionCode',
  // The options (CID 7050 code meanings in English).
  'plan.option.retainSafePrivate', 'plan.option.retainUIDs', 'plan.option.retainDeviceIdentity', 'plan.option.retainInstitutionIdentity',
  'plan.option.retainPatientCharacteristics', 'plan.option.retainLongitudinalFullDates', 'plan.option.retainLongitudinalModifiedDates',
  'plan.option.cleanDescriptors', 'plan.option.cleanStructuredContent', 'plan.option.cleanGraphics',
  // What the text detectors found (src/core/detect/types.ts FindingKind) or a value of the file.
  'plan.kind.resident-id', 'plan.kind.resident-id-15', 'plan.kind.hospital-number', 'plan.kind.mobile', 'plan.kind.phone',
  'plan.kind.email', 'plan.kind.patient-name', 'plan.kind.patient-name-pinyin', 'plan.kind.date', 'plan.kind.known-value',
  // A list joined with commas ("a, b" / "a、b") instead of semicolons.
  'list-comma',
] as const;
