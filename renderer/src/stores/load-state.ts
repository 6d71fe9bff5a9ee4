/** How far a store got loading its data from the core. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
