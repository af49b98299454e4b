export {
  formDefinitionSchema,
  fieldSchema,
  localizedTextSchema,
  fieldsOfCheck,
  isNumeric,
  parseFormDefinition,
  shortLabel,
  type AnswerValue,
  type CrossCheck,
  type Answers,
  type Field,
  type FormDefinition,
  type LocalizedText,
} from "./form-definition.ts";
export { failingChecks, normalizeAnswers, visibleFields } from "./form-rules.ts";
export { parseAnswer, parseText, type AnswerProblem } from "./parse-answer.ts";
export { hasOwnAnswers, parseCommand, startConversation, respond, type ConversationState } from "./form-conversation.ts";
export { createFormConversations, type ConversationTurn, type FormConversations } from "./form-conversations.ts";
export type { FormSession } from "./form-session.repository.ts";
export { renderFormView, readFormValues, typedAnswers, type FormReading } from "./form-view.ts";
export { formatAnswer, formatAmount } from "./format-answer.ts";
export {
  describePersonalDetails,
  fingerprint,
  personalDetailsWarning,
  readAndWarn,
  warnAboutTextAnswers,
  warnOnceAboutPersonalDetails,
  type FreeTextPlace,
} from "./free-text-guard.ts";
export { bothLanguages, type BothLanguages } from "./localized-text.ts";
