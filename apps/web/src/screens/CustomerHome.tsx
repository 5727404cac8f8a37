import { useState } from 'react';
import { LiveOrder } from './LiveOrder.tsx';
import { OrderHistory } from './OrderHistory.tsx';
import { PlaceOrder } from './PlaceOrder.tsx';
import { Profile } from './Profile.tsx';
import { YourData } from './YourData.tsx';

/** A customer's page: who they are (from every domain), a new order, the one in progress, their history, and their data rights. */
export function CustomerHome() {
  const [activeOrderId, setActiveOrderId] = useState<string | null>(null);
  return (
    <div className="customer">
      <Profile />
      <div className="columns">
        <PlaceOrder onPlaced={setActiveOrderId} />
        {activeOrderId && <LiveOrder orderId={activeOrderId} />}
      </div>
      <OrderHistory />
      <YourData />
    </div>
  );
}
