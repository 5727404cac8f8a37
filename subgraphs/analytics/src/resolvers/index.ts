import { DateTimeScalar, JSONObjectScalar, SafeIntScalar } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Customer } from './Customer.ts';
import { Query } from './Query.ts';
import { Store } from './Store.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSONObject: JSONObjectScalar,
  SafeInt: SafeIntScalar,
  Query,
  Customer,
  Store,
};
