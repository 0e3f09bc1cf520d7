export * from './detection';
export * from './document';
export * from './exception';
export * from './keys';
export * from './money';
export * from './parse-amount';
export * from './parse-date';
