export const EDGEWARD_VERSION = '0.1.0';
