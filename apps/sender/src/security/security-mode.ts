/** Mirrors TASKHOOKS_MODE: development opens doors for local work that production keeps shut. */
export type SecurityMode = 'development' | 'production';
