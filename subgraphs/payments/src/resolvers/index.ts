import { DateTimeScalar, JSONObjectScalar } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Customer } from './Customer.ts';
import { Order } from './Order.ts';
import { Mutation } from './Mutation.ts';
import { Payment } from './Payment.ts';
import { Query } from './Query.ts';
import { Store } from './Store.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSONObject: JSONObjectScalar,
  Query,
  Mutation,
  Customer,
  Order,
  Payment,
  Store,
};
